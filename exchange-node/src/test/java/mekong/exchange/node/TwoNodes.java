package mekong.exchange.node;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import mekong.exchange.infra.FreePorts;
import mekong.exchange.infra.LocalKafkaBroker;
import mekong.exchange.infra.SharedSchemaRegistry;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Son La (VN-05) and Houaphan (LA-HO) as two real node processes' worth of Spring
 * contexts, on a real KRaft broker and a real registry, with the agreement of the local
 * stack: drugs, weapons and fugitives, 2023 to 2027.
 */
final class TwoNodes implements AutoCloseable {

	static final String SON_LA = "VN-05";

	static final String HOUAPHAN = "LA-HO";

	final LocalKafkaBroker broker;

	final ConfigurableApplicationContext sonLa;

	final ConfigurableApplicationContext houaphan;

	TwoNodes(Path data) {
		this.broker = LocalKafkaBroker.start(data.resolve("kafka"), FreePorts.next(), FreePorts.next());
		String registry = SharedSchemaRegistry.url();
		this.sonLa = start(SON_LA, registry);
		this.houaphan = start(HOUAPHAN, registry);
	}

	private ConfigurableApplicationContext start(String node, String registry) {
		List<String> args = new ArrayList<>(List.of("--mekong.node.id=" + node,
				"--spring.kafka.bootstrap-servers=" + this.broker.bootstrapServers(),
				"--mekong.registry.url=" + registry, "--server.port=0", "--management.server.port=0",
				"--mekong.dead-letter.retry-interval=100ms", "--mekong.dead-letter.retries=2",
				"--mekong.routing.agreements[0].id=VN-05~LA-HO/2023",
				"--mekong.routing.agreements[0].parties=VN-05,LA-HO",
				"--mekong.routing.agreements[0].valid-from=2023-01-01",
				"--mekong.routing.agreements[0].valid-to=2027-12-31",
				"--mekong.routing.agreements[0].categories=DRUG_TRAFFICKING,WEAPONS,WANTED_FUGITIVE"));
		String[][] accounts = { { "desk.vn05", "demo-vn05", SON_LA, "son-la-hotline" },
				{ "desk.laho", "demo-laho", HOUAPHAN, "houaphan-hotline" } };
		for (int i = 0; i < accounts.length; i++) {
			args.add("--mekong.desk.accounts[" + i + "].username=" + accounts[i][0]);
			args.add("--mekong.desk.accounts[" + i + "].password={noop}" + accounts[i][1]);
			args.add("--mekong.desk.accounts[" + i + "].node=" + accounts[i][2]);
			args.add("--mekong.desk.accounts[" + i + "].desk=" + accounts[i][3]);
		}
		return NodeApplication.application().run(args.toArray(String[]::new));
	}

	DeskClient sonLaDesk() {
		return new DeskClient(urlOf(this.sonLa), "desk.vn05", "demo-vn05");
	}

	DeskClient houaphanDesk() {
		return new DeskClient(urlOf(this.houaphan), "desk.laho", "demo-laho");
	}

	DeskClient atSonLa(String username, String password) {
		return new DeskClient(urlOf(this.sonLa), username, password);
	}

	static String urlOf(ConfigurableApplicationContext node) {
		return "http://localhost:" + ((WebServerApplicationContext) node).getWebServer().getPort();
	}

	@Override
	public void close() {
		this.houaphan.close();
		this.sonLa.close();
		this.broker.close();
	}

}
