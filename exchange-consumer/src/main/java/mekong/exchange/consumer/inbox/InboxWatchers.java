package mekong.exchange.consumer.inbox;

import mekong.exchange.boot.streams.ViewChanges;

import org.springframework.stereotype.Component;

/**
 * Who wants to know when an inbox entry of this instance changes (a revision taken, a
 * desk's answer).
 */
@Component
public class InboxWatchers extends ViewChanges {

}
