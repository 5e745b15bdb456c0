/**
 * The schema registry's init step: every node's subjects registered, and each given to
 * its own node's client at the registry.
 */
package mekong.exchange.ops.registry;
