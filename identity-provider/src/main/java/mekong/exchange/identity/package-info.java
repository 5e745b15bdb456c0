/**
 * The local stack's OpenID Connect provider.
 */
package mekong.exchange.identity;
