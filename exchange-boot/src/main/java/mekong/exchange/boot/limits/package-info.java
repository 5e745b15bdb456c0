/**
 * The limits of what one desk or partner can make a node keep about one alert.
 */
package mekong.exchange.boot.limits;
