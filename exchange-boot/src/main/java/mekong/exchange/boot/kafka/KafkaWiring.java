package mekong.exchange.boot.kafka;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.binder.MeterBinder;
import mekong.exchange.boot.node.NodeProperties;
import mekong.exchange.boot.signing.SigningProperties;
import mekong.exchange.boot.signing.SigningSerializer;
import mekong.exchange.boot.signing.VerifyingDeserializer;
import mekong.exchange.core.registry.HttpSchemaRegistryClient;
import mekong.exchange.core.registry.SchemaRegistryClient;
import mekong.exchange.core.serde.AvroWireDeserializer;
import mekong.exchange.core.serde.AvroWireSerializer;
import mekong.exchange.core.serde.ContractClasses;
import mekong.exchange.core.signing.Signer;
import mekong.exchange.core.topics.Topic;
import mekong.exchange.core.topics.Topics;
import org.apache.avro.generic.GenericContainer;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;

/**
 * Kafka as the contract wants it: keys are alert ids as strings, values Avro in
 * Confluent's wire format through one shared registry client (raw bytes for the
 * dead-letter topic), for the node's producers and its Kafka Streams applications alike;
 * producers acknowledged by all replicas and idempotent. The node's own topics are
 * declared from the catalogue and their schemas registered at start-up.
 */
@AutoConfiguration(before = KafkaAutoConfiguration.class)
@EnableConfigurationProperties({ RegistryProperties.class, TopicProperties.class, SigningProperties.class })
class KafkaWiring {

	static {
		// Desk requests and listeners build and read generated records before any serde
		// class may have loaded.
		ContractClasses.trust();
	}

	@Bean
	HttpSchemaRegistryClient schemaRegistryClient(RegistryProperties registry, ObjectProvider<SslBundles> bundles) {
		return new HttpSchemaRegistryClient(registry.clientSettings(), registry.tls(bundles));
	}

	/**
	 * {@code exchange_registry_requests_total}: the registry's load from this node, which
	 * stays flat while records arrive with schemas it knows or ids nobody registered.
	 */
	@Bean
	MeterBinder registryRequests(HttpSchemaRegistryClient registry) {
		return (meters) -> FunctionCounter
			.builder("exchange.registry.requests", registry, HttpSchemaRegistryClient::requestsSent)
			.description("HTTP requests the node sent the schema registry, retries included")
			.register(meters);
	}

	@Bean
	ContractSerde contractSerde(SchemaRegistryClient registry, SigningProperties signing, NodeProperties node) {
		return new ContractSerde(
				new SigningSerializer(wireSerializer(registry), new Signer(signing.keyId(), signing.privateKey())),
				new VerifyingDeserializer(wireDeserializer(registry), signing.keyDirectory(), node.id()));
	}

	@Bean
	WireSerde wireSerde(SchemaRegistryClient registry) {
		return new WireSerde(wireSerializer(registry), wireDeserializer(registry));
	}

	/**
	 * Looks schema ids up and never registers: a subject is registered by the node that
	 * owns it ({@link ContractRegistration}), and the registry lets only its owner write
	 * it.
	 */
	private static AvroWireSerializer wireSerializer(SchemaRegistryClient registry) {
		AvroWireSerializer encoder = new AvroWireSerializer(registry);
		encoder.configure(Map.of("auto.register.schemas", false), false);
		return encoder;
	}

	private static AvroWireDeserializer wireDeserializer(SchemaRegistryClient registry) {
		AvroWireDeserializer decoder = new AvroWireDeserializer(registry);
		decoder.configure(Map.of("specific.avro.reader", true), false);
		return decoder;
	}

	@Bean
	DefaultKafkaProducerFactoryCustomizer contractSerializers(ContractSerde contract) {
		Map<Class<?>, Serializer<?>> byType = new LinkedHashMap<>();
		byType.put(byte[].class, new ByteArraySerializer());
		byType.put(GenericContainer.class, contract.serializer());
		DelegatingByTypeSerializer values = new DelegatingByTypeSerializer(byType, true);
		return (factory) -> {
			factory.updateConfigs(
					Map.of(ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true));
			withSerializers(factory, new StringSerializer(), values);
		};
	}

	@Bean
	KafkaAdmin.NewTopics nodeTopicDeclarations(NodeProperties node, TopicProperties topics) {
		return new KafkaAdmin.NewTopics(Topics.ownedBy(node.id())
			.stream()
			.map((topic) -> TopicBuilder.name(topic.name())
				.partitions(topics.partitions())
				.replicas(topics.replicationFactor())
				.config(TopicConfig.RETENTION_MS_CONFIG,
						String.valueOf(
								(Topics.isKeptForAudit(topic, node.id()) ? topics.auditRetention() : topics.retention())
									.toMillis()))
				.build())
			.toArray(NewTopic[]::new));
	}

	@Bean
	TopicsVisible nodeTopicsVisible(KafkaAdmin admin, NodeProperties node) {
		return new TopicsVisible(admin.getConfigurationProperties(),
				Topics.ownedBy(node.id()).stream().map(Topic::name).toList(), Duration.ofSeconds(60));
	}

	@Bean
	ContractRegistration contractRegistration(SchemaRegistryClient registry, NodeProperties node,
			RegistryProperties settings, ObjectProvider<StateSubjects> state) {
		return new ContractRegistration(registry, Topics.ownedBy(node.id()), state.orderedStream().toList(),
				settings.startupTimeout());
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static void withSerializers(DefaultKafkaProducerFactory factory, Serializer<String> keys,
			Serializer<?> values) {
		factory.setKeySerializer(keys);
		factory.setValueSerializer(values);
	}

}
