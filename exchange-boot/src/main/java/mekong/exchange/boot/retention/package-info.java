/**
 * How long a node keeps what it took, and how it erases it.
 */
package mekong.exchange.boot.retention;
