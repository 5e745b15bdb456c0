/** The ids of alerts: which node opened an alert, and which ids it may use. */
package mekong.exchange.core.ids;
