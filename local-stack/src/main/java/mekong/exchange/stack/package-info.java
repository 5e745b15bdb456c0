/**
 * The one-command local stack: broker, registry and two seeded nodes.
 */
package mekong.exchange.stack;
