/**
 * Memoranda of understanding between nodes: who may exchange what, and when.
 */
package mekong.exchange.core.agreements;
