/**
 * Who may call the desk API and the console: bearer tokens and console logins of the
 * province's identity provider, a desk acting only for its own node, the actuator's
 * chain, and the headers that keep pages and answers from being framed or sniffed.
 */
package mekong.exchange.boot.security;
