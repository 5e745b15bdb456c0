/**
 * Signatures of what nodes write: each node signs with its Ed25519 key, receivers check
 * against a key directory.
 */
package mekong.exchange.core.signing;
