package mekong.exchange.consumer.inbox;

import java.util.UUID;

/**
 * A person named in one inbox alert who is possibly the same as a person named in an
 * alert from another origin. Both reports stay as they are.
 */
public record PersonLink(String person, String samePersonAs, UUID inAlert, String reportedBy) {
}
