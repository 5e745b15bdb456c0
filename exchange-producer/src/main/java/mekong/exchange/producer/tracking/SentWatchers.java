package mekong.exchange.producer.tracking;

import mekong.exchange.boot.streams.ViewChanges;

import org.springframework.stereotype.Component;

/**
 * Who wants to know when a sent alert of this instance changes (a revision sent, an
 * acknowledgement, an escalation, an audit event).
 */
@Component
public class SentWatchers extends ViewChanges {

}
