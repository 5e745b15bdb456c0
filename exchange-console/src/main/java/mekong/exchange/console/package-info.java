/**
 * The hotline desk console: pages in Vietnamese, Lao, Khmer and English, served by each
 * node on the desk port, that file, read and answer alerts through the node's desk API.
 */
package mekong.exchange.console;
