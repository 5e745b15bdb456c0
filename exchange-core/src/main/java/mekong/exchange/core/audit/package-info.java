/**
 * The audit trail: who did what with which alert, where and when, without its content.
 */
package mekong.exchange.core.audit;
