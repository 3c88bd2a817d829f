package com.phoneverify.ars.settings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Configuration of the ARS call service (prefix {@code ars}).
 *
 * @param sip the SIP user agent and the trunk it calls through
 * @param media RTP ports
 * @param channels how many calls run at once
 * @param scenarios where the scenario definitions come from
 * @param prompts speech synthesis and its cache
 * @param sealing the keys that open the sealed fields of {@code auth-requested}
 * @param intake the durable call log's heartbeat, and shutdown
 * @param destinations which numbers may be dialled: the deployment's and each merchant's
 * allow-lists of prefixes
 * @param retention how long the call log keeps calls that are over
 */
@ConfigurationProperties("ars")
public record ArsProperties(@DefaultValue Sip sip, @DefaultValue Media media, @DefaultValue Channels channels,
		@DefaultValue Scenarios scenarios, @DefaultValue Prompts prompts, @DefaultValue Sealing sealing,
		@DefaultValue Intake intake, @DefaultValue Destinations destinations, @DefaultValue Retention retention) {

	/**
	 * @param localHost the address our SIP stack binds and puts in Via and Contact;
	 * default {@code 127.0.0.1}
	 * @param localPort our SIP port; default 5060 (0 picks a free port, for tests)
	 * @param trunk the trunk (proxy, gateway or phone simulator) every INVITE goes to, as
	 * {@code host:port}; default {@code 127.0.0.1:5070}; the Request-URI is
	 * {@code sip:<E.164>@<trunk>}
	 * @param transport {@code udp} (default) or {@code tcp}
	 * @param ringTimeout how long a phone may ring before we CANCEL (no answer); default
	 * 30 s
	 * @param fromUser the user part of our From address; default {@code ars}
	 * @param hangUpGrace how long we wait for the trunk to confirm our CANCEL or BYE
	 * before the call is reported anyway; default 40 s
	 * @param cancelTimeout how long after our CANCEL the INVITE may go without a final
	 * response before its transaction is given up and the call ends (RFC 3261 §9.1:
	 * 64·T1); default 32 s
	 */
	public record Sip(@DefaultValue("127.0.0.1") String localHost, @DefaultValue("5060") int localPort,
			@DefaultValue("127.0.0.1:5070") String trunk, @DefaultValue("udp") String transport,
			@DefaultValue("30s") Duration ringTimeout, @DefaultValue("ars") String fromUser,
			@DefaultValue("40s") Duration hangUpGrace, @DefaultValue("32s") Duration cancelTimeout) {
	}

	/**
	 * @param bindAddress the address RTP sockets bind and SDP announces; default
	 * {@code 127.0.0.1}
	 * @param portRangeStart the first RTP port; default 0: ephemeral ports
	 * @param portRangeEnd the last RTP port; default 0: ephemeral ports
	 */
	public record Media(@DefaultValue("127.0.0.1") String bindAddress, @DefaultValue("0") int portRangeStart,
			@DefaultValue("0") int portRangeEnd) {
	}

	/**
	 * @param global calls at once over all merchants; default 30
	 * @param perMerchant calls at once per merchant; default 10
	 * @param maxPending requests held in memory (running plus waiting for a channel)
	 * before the Kafka consumer pauses; default 100
	 * @param parkAfter requests of one merchant held in memory (running plus waiting for
	 * a channel) before its next requests are parked in the call log instead: they are
	 * acknowledged, so the consumer keeps reading other merchants' requests, and called
	 * oldest first as the merchant's calls end; default 20 (twice the default
	 * {@code perMerchant}, so a merchant's freed channel always has a request waiting in
	 * memory). Keep it at least {@code perMerchant} and well below {@code maxPending}
	 */
	public record Channels(@DefaultValue("30") int global, @DefaultValue("10") int perMerchant,
			@DefaultValue("100") int maxPending, @DefaultValue("20") int parkAfter) {
	}

	/**
	 * @param location where {@code A.json}, {@code B.json} and {@code C.json} are read
	 * from, a Spring resource location; default {@code classpath:scenarios/}
	 */
	public record Scenarios(@DefaultValue("classpath:scenarios/") String location) {
	}

	/**
	 * @param cacheDir where synthesized prompt audio is kept across restarts; default
	 * {@code ${java.io.tmpdir}/ars-prompts}
	 * @param espeakCommand the espeak-ng executable; default {@code espeak-ng}
	 */
	public record Prompts(@Nullable Path cacheDir, @DefaultValue("espeak-ng") String espeakCommand) {

		public Path cacheDirOrDefault() {
			return (this.cacheDir != null) ? this.cacheDir
					: Path.of(System.getProperty("java.io.tmpdir"), "ars-prompts");
		}

	}

	/**
	 * @param heartbeatInterval how often this instance marks its calls alive in the call
	 * log and sweeps: a call left {@code dialing} by an instance silent for three
	 * intervals ended with it (crash) and is published as {@code transport_error};
	 * default 5 s
	 * @param shutdownGrace how long running calls may go on at shutdown before they are
	 * hung up; default 25 s
	 * @param hangUpWait how long the shutdown then waits for the trunk to confirm those
	 * hang-ups; a call not confirmed by then is ended by the orphan sweep (of another
	 * instance, or of this one at its next start). The call service stops within
	 * {@code shutdownGrace + hangUpWait}; keep that below
	 * {@code spring.lifecycle.timeout-per-shutdown-phase} and the orchestrator's
	 * termination grace (Kubernetes: 30 s by default). Default 4 s
	 */
	public record Intake(@DefaultValue("5s") Duration heartbeatInterval, @DefaultValue("25s") Duration shutdownGrace,
			@DefaultValue("4s") Duration hangUpWait) {
	}

	/**
	 * The events key ring: the keys shared by the services that seal or open the sealed
	 * fields of events (the gateway seals the phone, code and challenge key of
	 * {@code auth-requested} with it, as {@code gateway.sealing.events}). It is not the
	 * gateway's at-rest ring of merchants' secrets, which this service never holds.
	 *
	 * @param keys key id → Base64 of 32 random bytes
	 * @param currentKeyId the key new values are sealed with (we only open, but the ring
	 * must name it)
	 */
	public record Sealing(@DefaultValue Map<String, String> keys, @Nullable String currentKeyId) {
	}

	/**
	 * Which numbers may be dialled. A number is called only when it starts with one of
	 * {@code allowedPrefixes} and, when its merchant has an entry in {@code merchants},
	 * with one of that merchant's too; any other request ends as {@code bad_number}
	 * without a call.
	 *
	 * @param allowedPrefixes E.164 prefixes ({@code +} and digits) this deployment may
	 * call; default Korean mobile (010, 011, 016-019), geographic (02, 031-033, 041-044,
	 * 051-055, 061-064) and 070 numbers ({@code +8210}, {@code +8211}, {@code +8216} -
	 * {@code +8219}, {@code +822}, {@code +8231} - {@code +8233}, {@code +8241} -
	 * {@code +8244}, {@code +8251} - {@code +8255}, {@code +8261} - {@code +8264},
	 * {@code +8270}): never premium-rate 060, freephone 080, personal 050 or another
	 * country unless listed
	 * @param merchants merchant id → its own allow-list, which narrows the deployment's
	 * (a merchant not listed has the deployment's); default none
	 */
	public record Destinations(@DefaultValue( {
			"+8210", "+8211", "+8216", "+8217", "+8218", "+8219", "+822", "+8231", "+8232", "+8233", "+8241", "+8242",
			"+8243", "+8244", "+8251", "+8252", "+8253", "+8254", "+8255", "+8261", "+8262", "+8263", "+8264",
			"+8270" }) List<String> allowedPrefixes, @DefaultValue Map<String, MerchantDestinations> merchants){
	}

	/**
	 * @param allowedPrefixes E.164 prefixes this merchant's requests may call, within the
	 * deployment's
	 */
	public record MerchantDestinations(@DefaultValue List<String> allowedPrefixes) {
	}

	/**
	 * The call log holds no phone number, code or key, but says which merchant had whom
	 * called when, and how it went: calls over and published are deleted after
	 * {@code callLog}. A request redelivered after that is not dialled again: its expiry
	 * has long passed.
	 *
	 * @param callLog how long a published call stays in the call log (default 90 days)
	 * @param purgeInterval how often older calls are deleted (default 1 hour)
	 */
	public record Retention(@DefaultValue("90d") Duration callLog, @DefaultValue("1h") Duration purgeInterval) {
	}

}
