/**
 * One Kafka cluster per country, and what crosses between them: which topics leave a
 * cluster for a partner country, which a country's MirrorMaker pulls home, and its
 * settings.
 */
package mekong.exchange.core.border;
