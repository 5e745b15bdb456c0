/**
 * The receiving side of the node: partners' alerts taken exactly once per revision into
 * the inbox, with automatic RECEIVED acknowledgements, and the desks' answers kept and
 * sent on, in one transaction each; erasure when the agreement's retention ends.
 */
package mekong.exchange.consumer.receiving;
