package com.phoneverify.transfer.consent.sms;

import java.time.Clock;

import com.phoneverify.contracts.EventCodec;
import com.phoneverify.contracts.sealed.Sealer;
import com.phoneverify.messaging.outbox.Outbox;
import com.phoneverify.transfer.consent.ConsentMessages;
import com.phoneverify.transfer.settings.TransferProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The outbox SMS adapter. */
@Configuration(proxyBeanMethods = false)
class SmsConfiguration {

	@Bean
	ConsentMessages consentMessages(Outbox outbox, Sealer eventsSealer, EventCodec codec, TransferProperties properties,
			Clock clock) {
		return new OutboxConsentMessages(outbox, eventsSealer, codec, properties.sms().senderNumber(), clock);
	}

}
