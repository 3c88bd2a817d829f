package com.phoneverify.transfer.web;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import com.phoneverify.contracts.TransferId;
import com.phoneverify.transfer.consent.TransferMode;
import com.phoneverify.transfer.consent.TransferRefusedException;
import com.phoneverify.transfer.consent.TransferService;
import com.phoneverify.transfer.consent.TransferStore;
import com.phoneverify.transfer.evidence.EvidenceKeys;
import com.phoneverify.transfer.evidence.store.EvidenceArchive;
import com.phoneverify.transfer.ledger.AccountNumber;
import com.phoneverify.transfer.ledger.AccountOpening;
import com.phoneverify.transfer.ledger.Ledger;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The routes; each translates and hands over to a use case. */
@RestController
class TransferController {

	private final TransferService transfers;

	private final AccountOpening opening;

	private final Ledger ledger;

	private final EvidenceArchive evidence;

	private final EvidenceKeys keys;

	TransferController(TransferService transfers, AccountOpening opening, Ledger ledger, EvidenceArchive evidence,
			EvidenceKeys keys) {
		this.transfers = transfers;
		this.opening = opening;
		this.ledger = ledger;
		this.evidence = evidence;
		this.keys = keys;
	}

	/** Step ①: 202 while the recipient is asked, 201 for a normal transfer (executed). */
	@PostMapping("/v1/transfers")
	Mono<ResponseEntity<Map<String, Object>>> create(@RequestBody TransferJson.CreateTransfer body) {
		return Mono.fromCallable(() -> TransferJson.toRequest(body))
			.flatMap(this.transfers::request)
			.map((transfer) -> ResponseEntity
				.status(transfer.state().isFinal() ? HttpStatus.CREATED : HttpStatus.ACCEPTED)
				.header(HttpHeaders.LOCATION, "/v1/transfers/" + transfer.id())
				.body(TransferJson.view(transfer)));
	}

	@GetMapping("/v1/transfers/{id}")
	Mono<Map<String, Object>> get(@PathVariable String id) {
		return this.transfers.find(transferId(id)).map(TransferJson::view);
	}

	@PostMapping("/v1/transfers/{id}/cancel")
	Mono<Map<String, Object>> cancel(@PathVariable String id, @RequestBody TransferJson.Cancel body) {
		return Mono.fromCallable(() -> TransferJson.required(body.password(), "password"))
			.flatMap((password) -> this.transfers.cancel(transferId(id), password))
			.map(TransferJson::view);
	}

	/** The signed evidence file of a finished transfer. */
	@GetMapping(path = "/v1/transfers/{id}/evidence", produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<ResponseEntity<String>> evidence(@PathVariable String id) {
		TransferId transferId = transferId(id);
		return this.evidence.find(transferId)
			.map((signed) -> ResponseEntity.ok()
				.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"evidence-" + transferId + ".json\"")
				.contentType(MediaType.APPLICATION_JSON)
				.body(signed.toJson()))
			.switchIfEmpty(this.transfers.find(transferId)
				.then(Mono.error(() -> new TransferRefusedException(TransferRefusedException.Kind.WRONG_STATE, null,
						"the transfer has no evidence yet: it is still awaiting consent"))));
	}

	/** The key that verifies evidence signatures, as PEM. */
	@GetMapping(path = "/v1/evidence/public-key", produces = MediaType.TEXT_PLAIN_VALUE)
	String publicKey() {
		return this.keys.publicKeyPem();
	}

	/**
	 * Transfers per month and mode, as the paper's Table 4: each month's count per mode,
	 * its share of the month, and how many executed.
	 */
	@GetMapping("/v1/statistics/monthly")
	Mono<Map<String, Object>> monthly(@RequestParam String from, @RequestParam String to) {
		YearMonth first = month(from, "from");
		YearMonth last = month(to, "to");
		if (last.isBefore(first) || first.plusMonths(120).isBefore(last)) {
			return Mono.error(TransferJson.invalid("to", "to must be from 0 to 120 months after from"));
		}
		return this.transfers.monthlyCounts(first, last).collectList().map(TransferController::table);
	}

	private static Map<String, Object> table(List<TransferStore.MonthlyCount> counts) {
		Map<YearMonth, Map<TransferMode, TransferStore.MonthlyCount>> byMonth = new TreeMap<>();
		counts.forEach(
				(count) -> byMonth.computeIfAbsent(count.month(), (m) -> new TreeMap<>()).put(count.mode(), count));
		List<Object> months = new ArrayList<>();
		Map<TransferMode, Long> sums = new TreeMap<>();
		byMonth.forEach((month, modes) -> {
			long total = modes.values().stream().mapToLong(TransferStore.MonthlyCount::requested).sum();
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("month", month.toString());
			for (TransferMode mode : TransferMode.values()) {
				TransferStore.MonthlyCount count = modes.get(mode);
				long requested = (count != null) ? count.requested() : 0;
				Map<String, Object> cell = new LinkedHashMap<>();
				cell.put("requested", requested);
				cell.put("executed", (count != null) ? count.executed() : 0);
				cell.put("sharePercent", (total > 0) ? Math.round(requested * 10000.0 / total) / 100.0 : 0.0);
				row.put(mode.name(), cell);
				sums.merge(mode, requested, Long::sum);
			}
			row.put("total", total);
			months.add(row);
		});
		Map<String, Object> table = new LinkedHashMap<>();
		table.put("months", months);
		Map<String, Object> sum = new LinkedHashMap<>();
		sums.forEach((mode, requested) -> sum.put(mode.name(), requested));
		sum.put("total", sums.values().stream().mapToLong(Long::longValue).sum());
		table.put("sum", sum);
		return table;
	}

	/** An operator's route: opens an account with an opening balance. */
	@PostMapping("/v1/accounts")
	Mono<ResponseEntity<Map<String, Object>>> openAccount(@RequestBody TransferJson.OpenAccount body) {
		return Mono.defer(() -> {
			AccountNumber number = TransferJson.account(body.accountNumber(), "accountNumber");
			String holder = TransferJson.required(body.holderName(), "holderName");
			String password = TransferJson.required(body.password(), "password");
			long balance = (body.openingBalance() != null) ? body.openingBalance() : 0;
			if (balance < 0) {
				return Mono.error(TransferJson.invalid("openingBalance", "openingBalance must not be negative"));
			}
			return this.opening.open(number, holder,
					(body.phone() != null) ? TransferJson.phone(body.phone(), "phone") : null, password, balance);
		})
			.map((account) -> ResponseEntity.status(HttpStatus.CREATED)
				.header(HttpHeaders.LOCATION, "/v1/accounts/" + account.number().value())
				.body(accountView(account.number(), account.holderName(), account.balance(), account.locked())));
	}

	@GetMapping("/v1/accounts/{number}")
	Mono<Map<String, Object>> account(@PathVariable String number) {
		AccountNumber accountNumber = TransferJson.account(number, "accountNumber");
		return this.ledger.account(accountNumber)
			.switchIfEmpty(
					Mono.error(() -> new com.phoneverify.transfer.ledger.RemitterAuthentication.UnknownAccountException(
							"accountNumber")))
			.map((account) -> accountView(account.number(), account.holderName(), account.balance(), account.locked()));
	}

	private static Map<String, Object> accountView(AccountNumber number, String holder, long balance, boolean locked) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("accountNumber", number.masked());
		view.put("holderName", holder);
		view.put("balance", balance);
		view.put("locked", locked);
		return view;
	}

	private static TransferId transferId(String text) {
		try {
			return new TransferId(UUID.fromString(text));
		}
		catch (IllegalArgumentException ex) {
			throw new TransferRefusedException(TransferRefusedException.Kind.NOT_FOUND, "id",
					"a transfer id is a UUID");
		}
	}

	private static YearMonth month(@Nullable String text, String field) {
		try {
			return YearMonth.parse(TransferJson.required(text, field));
		}
		catch (DateTimeParseException ex) {
			throw TransferJson.invalid(field, field + " must be a month (YYYY-MM)");
		}
	}

}
