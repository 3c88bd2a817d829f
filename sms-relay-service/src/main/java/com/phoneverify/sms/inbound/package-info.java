/**
 * Mobile-originated messages: a reply to the 2-WAY number from a phone a consent request
 * waits for becomes {@code consent-replied} (keyed by the transfer); any other MO becomes
 * {@code sms-inbound}. An MO the SMSC delivers twice is relayed once.
 */
@NullMarked
package com.phoneverify.sms.inbound;

import org.jspecify.annotations.NullMarked;
