/**
 * The routing decision: which partners may receive an alert, deny by default.
 */
package mekong.exchange.core.routing;
