/**
 * Every refusal and error of the desk API as an RFC 9457 problem detail: from the
 * controllers, from Spring Security, from Tomcat itself, and for bodies too large to
 * read.
 */
package mekong.exchange.boot.problems;
