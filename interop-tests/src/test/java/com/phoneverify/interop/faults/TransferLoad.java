package com.phoneverify.interop.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.phoneverify.contracts.phone.PhoneNumber;
import com.phoneverify.simulators.smsc.HandsetMessage;
import com.phoneverify.simulators.smsc.SmscSimulator;
import com.phoneverify.simulators.telco.TelcoSimulator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The 2-WAY load: remitter/recipient pairs of accounts at transfer-consent-service, a
 * steady stream of PHISHING_GUARD transfers over its own HTTP API, and the recipients'
 * handsets at the SMSC simulator, read by a replier that answers each consent SMS with
 * its code as an MO over SMPP; two in three transfers get their reply twice, on purpose:
 * the same MO delivered again (the relay collapses it), or the code again in other words
 * (a second {@code consent-replied}). Every transfer has an amount of its own, so that
 * its consent SMS and its result SMS (which name the amount, not the transfer) can be
 * told apart from any other's.
 */
final class TransferLoad implements AutoCloseable {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final Pattern CONSENT = Pattern.compile("([0-9,]+)원 송금\\(.*인증번호 ([0-9]{6})");

	private static final Pattern RESULT = Pattern.compile("^\\[2-WAY 송금\\] ([0-9,]+)원 송금이 ");

	private static final long FIRST_AMOUNT = 10_001;

	private static final Duration THINKING_STEP = Duration.ofMillis(600);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final String transferUrl;

	private final SmscSimulator smsc;

	private final List<Pair> pairs = new ArrayList<>();

	private final Duration interval;

	private final AtomicInteger sent = new AtomicInteger();

	private final Map<Integer, AtomicInteger> answers = new ConcurrentHashMap<>();

	private final List<Accepted> accepted = new CopyOnWriteArrayList<>();

	/** Amount → what the recipient's handset did with its consent SMS. */
	private final Map<Long, Consent> consents = new ConcurrentHashMap<>();

	private final Map<String, Integer> inboxRead = new ConcurrentHashMap<>();

	private final AtomicInteger replies = new AtomicInteger();

	private final List<PendingReply> pending = new CopyOnWriteArrayList<>();

	private volatile String phase = "steady";

	private volatile boolean running;

	private final List<Thread> threads = new ArrayList<>();

	/** A remitter and the recipient of all the remitter's transfers. */
	record Pair(int n, String remitterAccount, String remitterPhone, String recipientAccount, String recipientPhone,
			String recipientName) {

		static Pair of(int n) {
			return new Pair(n, String.format("1002-201-%06d", n), String.format("010-4821-93%02d", n),
					String.format("1002-202-%06d", n), String.format("010-5730-86%02d", n), "수취인" + n);
		}

		String remitterHandset() {
			return handset(this.remitterPhone);
		}

		String recipientHandset() {
			return handset(this.recipientPhone);
		}

		/** The SMSC simulator's handsets are named by their E.164 digits. */
		private static String handset(String phone) {
			return PhoneNumber.parse(phone).e164().substring(1);
		}

	}

	/** A reply the recipient will send at {@code at}. */
	private record PendingReply(Instant at, Pair pair, long amount, String code) {
	}

	/** A transfer the service answered 202 for. */
	record Accepted(String id, long amount, Pair pair, Instant at, String phase) {
	}

	/**
	 * The consent SMS of one transfer at the recipient's handset, and the replies sent.
	 */
	static final class Consent {

		private final AtomicInteger messages = new AtomicInteger();

		private volatile Instant firstReceived;

		private volatile Instant replied;

		private volatile int repliesSent;

		private volatile boolean reworded;

		int messages() {
			return this.messages.get();
		}

		Instant firstReceived() {
			return this.firstReceived;
		}

		Instant replied() {
			return this.replied;
		}

		int repliesSent() {
			return this.repliesSent;
		}

		/** Whether the code was sent a second time in other words (a distinct MO). */
		boolean reworded() {
			return this.reworded;
		}

	}

	TransferLoad(String transferUrl, SmscSimulator smsc, int pairs, Duration interval) {
		this.transferUrl = transferUrl;
		this.smsc = smsc;
		this.interval = interval;
		for (int n = 0; n < pairs; n++) {
			this.pairs.add(Pair.of(n));
		}
	}

	/**
	 * Opens every pair's accounts (the remitter with enough for every transfer of the
	 * run) and tells the telco who holds each recipient's phone.
	 */
	void openAccounts(TelcoSimulator telco) {
		for (Pair pair : this.pairs) {
			open(pair.remitterAccount(), "송금인" + pair.n(), pair.remitterPhone(), 5_000_000);
			open(pair.recipientAccount(), pair.recipientName(), pair.recipientPhone(), 0);
			telco.register(pair.recipientPhone(), pair.recipientName());
		}
	}

	private void open(String account, String holder, String phone, long balance) {
		HttpResponse<String> response = post("/v1/accounts", """
				{"accountNumber":"%s","holderName":"%s","phone":"%s","password":"pw-%s","openingBalance":%d}"""
			.formatted(account, holder, phone, account, balance));
		if (response == null || response.statusCode() != 201) {
			throw new IllegalStateException("could not open an account: "
					+ ((response != null) ? response.statusCode() + " " + response.body() : "no answer"));
		}
	}

	void start() {
		this.running = true;
		this.threads.add(daemon("transfer-load", this::submitLoop));
		this.threads.add(daemon("handset-replier", this::replyLoop));
	}

	private static Thread daemon(String name, Runnable work) {
		Thread thread = new Thread(work, name);
		thread.setDaemon(true);
		thread.start();
		return thread;
	}

	/** Names what happens from now on (e.g. "transfer service down"), for the table. */
	void phase(String phase) {
		this.phase = phase;
	}

	/** Stops asking for transfers; the handsets keep replying until {@link #close()}. */
	void stopRequests() {
		this.running = false;
		JavaProcess.sleep(this.interval.multipliedBy(2));
	}

	private void submitLoop() {
		while (this.running) {
			int n = this.sent.getAndIncrement();
			Pair pair = this.pairs.get(n % this.pairs.size());
			long amount = FIRST_AMOUNT + n;
			String phase = this.phase;
			HttpResponse<String> response = post("/v1/transfers", """
					{"mode":"PHISHING_GUARD","fromAccount":"%s","password":"pw-%s","amount":%d,
					 "toBank":"999","toAccount":"%s","recipientPhone":"%s"}""".formatted(pair.remitterAccount(),
					pair.remitterAccount(), amount, pair.recipientAccount(), pair.recipientPhone()));
			int status = (response != null) ? response.statusCode() : 0;
			this.answers.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
			if (status == 202) {
				JsonNode body = json.readTree(response.body());
				this.accepted.add(new Accepted(body.path("id").asString(), amount, pair, Instant.now(), phase));
			}
			JavaProcess.sleep(this.interval);
		}
	}

	/**
	 * The recipients read their new messages and answer each transfer's consent SMS once
	 * (a consent SMS that came twice is counted, not answered twice); every third
	 * transfer's code is sent twice, as a recipient who taps send again.
	 */
	private void replyLoop() {
		while (!Thread.currentThread().isInterrupted()) {
			for (Pair pair : this.pairs) {
				List<HandsetMessage> inbox = this.smsc.inbox(pair.recipientHandset());
				int read = this.inboxRead.getOrDefault(pair.recipientHandset(), 0);
				for (HandsetMessage message : inbox.subList(Math.min(read, inbox.size()), inbox.size())) {
					read(pair, message);
				}
				this.inboxRead.put(pair.recipientHandset(), inbox.size());
			}
			Instant now = Instant.now();
			for (PendingReply due : this.pending.stream().filter(reply -> !reply.at().isAfter(now)).toList()) {
				this.pending.remove(due);
				answer(due);
			}
			try {
				Thread.sleep(200);
			}
			catch (InterruptedException ex) {
				return;
			}
		}
	}

	/**
	 * A recipient who reads the consent SMS and answers after thinking it over: 0 to 2.4
	 * s, by the amount, so that replies are also on their way while a service is killed.
	 */
	private void read(Pair pair, HandsetMessage message) {
		Matcher consent = CONSENT.matcher(message.text());
		if (!consent.find()) {
			return;
		}
		long amount = Long.parseLong(consent.group(1).replace(",", ""));
		Consent state = this.consents.computeIfAbsent(amount, a -> new Consent());
		if (state.messages.getAndIncrement() > 0) {
			return;
		}
		state.firstReceived = message.receivedAt();
		Duration thinking = THINKING_STEP.multipliedBy(amount % 5);
		this.pending.add(new PendingReply(Instant.now().plus(thinking), pair, amount, consent.group(2)));
	}

	private void answer(PendingReply pending) {
		Consent state = this.consents.get(pending.amount());
		String handset = pending.pair().recipientHandset();
		SmscSimulator.MobileOriginated reply = this.smsc.reply(handset, TransferCluster.TWO_WAY_NUMBER,
				"네 " + pending.code(), null);
		state.replied = Instant.now();
		state.repliesSent = 1;
		if (pending.amount() % 3 == 0) {
			// the same MO again, as an SMSC that delivers again: the relay relays it once
			this.smsc.deliver(reply);
			state.repliesSent = 2;
		}
		else if (pending.amount() % 3 == 1) {
			// the code again in other words: a second consent-replied for the same
			// transfer
			this.smsc.reply(handset, TransferCluster.TWO_WAY_NUMBER, pending.code() + " 확인했어요", null);
			state.repliesSent = 2;
			state.reworded = true;
		}
		this.replies.addAndGet(state.repliesSent);
	}

	/** How many result SMS the remitter's handset holds for this amount. */
	int resultMessages(Pair pair, long amount) {
		int count = 0;
		for (HandsetMessage message : this.smsc.inbox(pair.remitterHandset())) {
			Matcher result = RESULT.matcher(message.text());
			if (result.find() && Long.parseLong(result.group(1).replace(",", "")) == amount) {
				count++;
			}
		}
		return count;
	}

	/** The consent SMS of the transfer with this amount, if its handset got one. */
	Consent consent(long amount) {
		return this.consents.get(amount);
	}

	/** The pair whose remitter asked for this amount (amounts are unique in a run). */
	Pair pairOf(long amount) {
		return this.pairs.get((int) ((amount - FIRST_AMOUNT) % this.pairs.size()));
	}

	List<Pair> pairs() {
		return this.pairs;
	}

	List<Accepted> accepted() {
		return List.copyOf(this.accepted);
	}

	int sent() {
		return this.sent.get();
	}

	int replies() {
		return this.replies.get();
	}

	/** HTTP status → count (0: no answer, e.g. the service was down). */
	Map<Integer, Integer> answers() {
		Map<Integer, Integer> answers = new TreeMap<>();
		this.answers.forEach((status, count) -> answers.put(status, count.get()));
		return answers;
	}

	String get(String path) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.transferUrl + path))
			.timeout(Duration.ofSeconds(10))
			.build();
		try {
			HttpResponse<String> response = this.http.send(request,
					HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			if (response.statusCode() != 200) {
				throw new IllegalStateException("GET " + path + " answered " + response.statusCode());
			}
			return response.body();
		}
		catch (IOException ex) {
			throw new IllegalStateException("GET " + path + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * @return the answer, or null when none came (the service down or killed meanwhile)
	 */
	private HttpResponse<String> post(String path, String body) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.transferUrl + path))
			.timeout(Duration.ofSeconds(10))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
			.build();
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	@Override
	public void close() {
		this.running = false;
		this.threads.forEach(Thread::interrupt);
	}

}
