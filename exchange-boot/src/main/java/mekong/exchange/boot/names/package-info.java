/**
 * The persons alerts name, and the index a view keeps of them so that a desk finds the
 * alerts naming a person possibly the same as one it looks for.
 */
package mekong.exchange.boot.names;
