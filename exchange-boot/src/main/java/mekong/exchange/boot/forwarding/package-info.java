/**
 * Calls that one instance or side of a node passes on to another: to the instance that
 * holds an alert, to every instance for a list, and to the node's other side where the
 * two run in two processes, with the desk's own credentials.
 */
package mekong.exchange.boot.forwarding;
