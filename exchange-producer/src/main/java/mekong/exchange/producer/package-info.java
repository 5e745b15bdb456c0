/**
 * The desk gateway: desks file alerts (desk), they are published to the node's outbox
 * (publish), and the sender follows per addressee what happened to them (tracking).
 */
package mekong.exchange.producer;
