package mekong.exchange.boot.streams;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;

/**
 * Lists of contract records inside a state store value, without the registry: a count,
 * then each record as a length and its Avro single-object encoding, which names the
 * schema it was written with by its fingerprint.
 */
public final class AvroBlocks {

	private AvroBlocks() {
	}

	public static <T> void write(DataOutputStream out, List<T> records, BinaryMessageEncoder<T> encoder)
			throws IOException {
		out.writeInt(records.size());
		for (T record : records) {
			ByteBuffer block = encoder.encode(record);
			out.writeInt(block.remaining());
			out.write(block.array(), block.arrayOffset() + block.position(), block.remaining());
		}
	}

	public static <T> List<T> read(ByteBuffer in, BinaryMessageDecoder<T> decoder) throws IOException {
		List<T> records = new ArrayList<>();
		for (int i = in.getInt(); i > 0; i--) {
			int length = in.getInt();
			records.add(decoder.decode(in.slice(in.position(), length)));
			in.position(in.position() + length);
		}
		return records;
	}

}
