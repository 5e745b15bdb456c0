package mekong.exchange.consumer.inbox;

import java.util.List;

import mekong.exchange.boot.kafka.ContractSerde;
import mekong.exchange.boot.node.NodeProperties;
import mekong.exchange.boot.streams.NodeStreams;
import mekong.exchange.core.topics.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.kafka.config.KafkaStreamsInfrastructureCustomizer;

@Configuration(proxyBeanMethods = false)
class InboxConfiguration {

	/**
	 * Reads the {@code after} cursor of an inbox page; one that is not a cursor is a
	 * parameter the desk API refuses by name.
	 */
	@Bean
	Converter<String, InboxIndex.Cursor> inboxCursors() {
		return new Converter<>() {

			@Override
			public InboxIndex.Cursor convert(String text) {
				return InboxIndex.Cursor.parse(text);
			}

		};
	}

	/**
	 * The inbox desks read, with its indexes, from the receiver's and the desks'
	 * committed records.
	 */
	@Bean
	KafkaStreamsInfrastructureCustomizer inboxViewTopology(ContractSerde contract, NodeProperties node,
			InboxWatchers watchers) {
		return new KafkaStreamsInfrastructureCustomizer() {

			@Override
			public void configureBuilder(StreamsBuilder builder) {
				builder.addStateStore(NodeStreams.store(InboxView.ENTRIES, Serdes.String(), InboxEntrySerde.serde()));
				builder.addStateStore(NodeStreams.store(InboxView.BY_TIME, Serdes.Bytes(), Serdes.ByteArray()));
				builder.addStateStore(NodeStreams.store(InboxView.BY_NAME, Serdes.Bytes(), Serdes.ByteArray()));
				builder
					.stream(List.of(Topics.received(node.id()).name(), Topics.deskAcks(node.id()).name()),
							Consumed.with(Serdes.String(), contract).withName("inbox-history"))
					.process(() -> new InboxView(watchers), Named.as("inbox-view"), InboxView.ENTRIES,
							InboxView.BY_TIME, InboxView.BY_NAME);
			}

		};
	}

}
