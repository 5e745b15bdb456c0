package mekong.exchange.boot.streams;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

@AutoConfiguration
@EnableConfigurationProperties(StreamsProperties.class)
class NodeStreamsConfiguration {

}
