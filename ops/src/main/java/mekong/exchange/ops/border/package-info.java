/**
 * The settings of a country's MirrorMaker, and the step that writes them: one flow from
 * each partner country's cluster, pulling home what the agreements let cross.
 */
package mekong.exchange.ops.border;
