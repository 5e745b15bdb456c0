/**
 * Names across scripts: normalization to Latin letters and the near-duplicate person
 * rule.
 */
package mekong.exchange.core.names;
