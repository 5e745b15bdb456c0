/**
 * Node identity: who runs a copy of the exchange, named by ISO 3166-2 codes.
 */
package mekong.exchange.core.node;
