/**
 * The desk API's common edge: authentication and per-node authorization, and errors as
 * problem details.
 */
package mekong.exchange.boot.web;
