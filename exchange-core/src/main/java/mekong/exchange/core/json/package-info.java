/**
 * JSON-ready views of Avro records for the desk API.
 */
package mekong.exchange.core.json;
