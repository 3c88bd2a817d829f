package com.phoneverify.gateway.verification.batch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

class GroupCommitTests {

	/** A writer whose transactions end when the test says so. */
	static final class ScriptedWriter implements GroupCommit.Writer<String> {

		final List<List<String>> statements = new CopyOnWriteArrayList<>();

		final List<Sinks.Empty<Void>> commits = new CopyOnWriteArrayList<>();

		final List<String> stored = new CopyOnWriteArrayList<>();

		@Override
		public Mono<Void> writeOne(String item) {
			this.statements.add(List.of(item));
			Sinks.Empty<Void> commit = Sinks.empty();
			this.commits.add(commit);
			return commit.asMono().then(Mono.defer(() -> {
				if (item.startsWith("bad")) {
					return Mono.error(new IllegalArgumentException(item + " violates a constraint"));
				}
				if (item.startsWith("replay")) {
					return Mono.error(new IllegalStateException(item + " replayed"));
				}
				this.stored.add(item);
				return Mono.empty();
			}));
		}

		@Override
		public Mono<Map<Integer, Throwable>> writeAll(List<String> items) {
			this.statements.add(List.copyOf(items));
			Sinks.Empty<Void> commit = Sinks.empty();
			this.commits.add(commit);
			return commit.asMono().then(Mono.defer(() -> {
				if (items.stream().anyMatch((item) -> item.startsWith("bad"))) {
					return Mono.error(new IllegalArgumentException("the statement failed"));
				}
				java.util.HashMap<Integer, Throwable> refused = new java.util.HashMap<>();
				for (int i = 0; i < items.size(); i++) {
					if (items.get(i).startsWith("replay")) {
						refused.put(i, new IllegalStateException(items.get(i) + " replayed"));
					}
					else {
						this.stored.add(items.get(i));
					}
				}
				return Mono.just(refused);
			}));
		}

		void commit(int statement) {
			this.commits.get(statement).tryEmitEmpty();
		}

	}

	private final ScriptedWriter writer = new ScriptedWriter();

	private final List<Integer> batchSizes = new ArrayList<>();

	private final GroupCommit<String> groupCommit = new GroupCommit<>(this.writer, 3, 1, 10, Duration.ofSeconds(5),
			this.batchSizes::add);

	@Test
	void aLoneItemIsWrittenAtOnceAndAlone() {
		StepVerifier.create(this.groupCommit.submit("a"))
			.then(() -> assertThat(this.writer.statements).containsExactly(List.of("a")))
			.then(() -> this.writer.commit(0))
			.verifyComplete();
		assertThat(this.writer.stored).containsExactly("a");
	}

	@Test
	void itemsArrivingDuringACommitGoTogetherInOrderUpToTheMaximum() {
		List<String> done = new CopyOnWriteArrayList<>();
		for (String item : List.of("a", "b", "c", "d", "e", "f")) {
			this.groupCommit.submit(item).doOnSuccess((ok) -> done.add(item)).subscribe();
		}
		// "a" went alone (nothing in flight); the rest wait for the one slot
		assertThat(this.writer.statements).containsExactly(List.of("a"));
		assertThat(done).isEmpty();
		this.writer.commit(0);
		assertThat(done).containsExactly("a");
		assertThat(this.writer.statements).containsExactly(List.of("a"), List.of("b", "c", "d"));
		this.writer.commit(1);
		assertThat(this.writer.statements).containsExactly(List.of("a"), List.of("b", "c", "d"), List.of("e", "f"));
		this.writer.commit(2);
		assertThat(done).containsExactly("a", "b", "c", "d", "e", "f");
		assertThat(this.writer.stored).containsExactly("a", "b", "c", "d", "e", "f");
		assertThat(this.batchSizes).containsExactly(1, 3, 2);
	}

	@Test
	void noItemCompletesBeforeItsBatchCommitted() {
		this.groupCommit.submit("a").subscribe();
		StepVerifier.create(this.groupCommit.submit("b"))
			.expectSubscription()
			.expectNoEvent(Duration.ofMillis(50))
			.then(() -> this.writer.commit(0))
			.expectNoEvent(Duration.ofMillis(50))
			.then(() -> this.writer.commit(1))
			.verifyComplete();
	}

	@Test
	void anItemTheBatchRefusesGetsItsOwnErrorAndTheOthersSucceed() {
		this.groupCommit.submit("first").subscribe();
		Mono<Void> a = this.groupCommit.submit("a").cache();
		Mono<Void> replayed = this.groupCommit.submit("replay-1").cache();
		Mono<Void> c = this.groupCommit.submit("c").cache();
		a.subscribe(null, (ex) -> {
		});
		replayed.subscribe(null, (ex) -> {
		});
		c.subscribe(null, (ex) -> {
		});
		this.writer.commit(0);
		this.writer.commit(1);
		StepVerifier.create(a).verifyComplete();
		StepVerifier.create(replayed).verifyErrorMessage("replay-1 replayed");
		StepVerifier.create(c).verifyComplete();
		assertThat(this.writer.stored).containsExactly("first", "a", "c");
		assertThat(this.writer.statements).hasSize(2);
	}

	@Test
	void whenABatchFailsWholeEachItemIsWrittenAloneAndOnlyTheBadOneFails() {
		this.groupCommit.submit("first").subscribe();
		Mono<Void> a = this.groupCommit.submit("a").cache();
		Mono<Void> bad = this.groupCommit.submit("bad-1").cache();
		Mono<Void> c = this.groupCommit.submit("c").cache();
		for (Mono<Void> item : List.of(a, bad, c)) {
			item.subscribe(null, (ex) -> {
			});
		}
		this.writer.commit(0);
		this.writer.commit(1); // the batch fails and stores nothing
		assertThat(this.writer.stored).containsExactly("first");
		this.writer.commit(2);
		this.writer.commit(3);
		this.writer.commit(4);
		StepVerifier.create(a).verifyComplete();
		StepVerifier.create(bad).verifyErrorMessage("bad-1 violates a constraint");
		StepVerifier.create(c).verifyComplete();
		assertThat(this.writer.statements).containsExactly(List.of("first"), List.of("a", "bad-1", "c"), List.of("a"),
				List.of("bad-1"), List.of("c"));
		assertThat(this.writer.stored).containsExactly("first", "a", "c");
	}

	@Test
	void batchesRunConcurrentlyUpToTheLimit() {
		GroupCommit<String> twoInFlight = new GroupCommit<>(this.writer, 2, 2, 10, Duration.ofSeconds(5),
				GroupCommit.BatchListener.NONE);
		for (String item : List.of("a", "b", "c", "d", "e")) {
			twoInFlight.submit(item).subscribe();
		}
		assertThat(this.writer.statements).containsExactly(List.of("a"), List.of("b"));
		this.writer.commit(1);
		assertThat(this.writer.statements).containsExactly(List.of("a"), List.of("b"), List.of("c", "d"));
		this.writer.commit(0);
		assertThat(this.writer.statements).containsExactly(List.of("a"), List.of("b"), List.of("c", "d"), List.of("e"));
	}

	@Test
	void beyondTheQueueBoundAnItemIsRefusedAtOnceAndNeverWritten() {
		GroupCommit<String> small = new GroupCommit<>(this.writer, 3, 1, 2, Duration.ofSeconds(5),
				GroupCommit.BatchListener.NONE);
		small.submit("a").subscribe();
		small.submit("b").subscribe();
		small.submit("c").subscribe();

		StepVerifier.create(small.submit("d")).verifyError(GroupCommit.Overloaded.class);

		this.writer.commit(0);
		this.writer.commit(1);
		assertThat(this.writer.stored).containsExactly("a", "b", "c");
	}

	@Test
	void anItemThatWaitedTooLongFailsAndIsNeverWritten() {
		GroupCommit<String> impatient = new GroupCommit<>(this.writer, 3, 1, 10, Duration.ofMillis(100),
				GroupCommit.BatchListener.NONE);
		impatient.submit("a").subscribe();

		// "a" is being written and the database stalls; "b" waits behind it and gives up
		StepVerifier.create(impatient.submit("b")).verifyError(GroupCommit.Overloaded.class);
		this.writer.commit(0);

		assertThat(this.writer.statements).containsExactly(List.of("a"));
		assertThat(this.writer.stored).containsExactly("a");
	}

	@Test
	void anItemWhoseClientLeftBeforeItsBatchIsNeverWritten() {
		this.groupCommit.submit("a").subscribe();
		this.groupCommit.submit("left").subscribe().dispose();
		this.groupCommit.submit("b").subscribe();

		this.writer.commit(0);
		this.writer.commit(1);

		assertThat(this.writer.statements).containsExactly(List.of("a"), List.of("b"));
		assertThat(this.writer.stored).containsExactly("a", "b");
	}

	@Test
	void aBatchTheDatabaseTimedOutFailsWholeWithoutWritingEachAlone() {
		GroupCommit.Writer<String> timingOut = new GroupCommit.Writer<>() {

			@Override
			public Mono<Void> writeOne(String item) {
				return GroupCommitTests.this.writer.writeOne(item);
			}

			@Override
			public Mono<Map<Integer, Throwable>> writeAll(List<String> items) {
				GroupCommitTests.this.writer.statements.add(List.copyOf(items));
				return Mono.error(new IllegalStateException("statement timeout"));
			}

			@Override
			public boolean retryAlone(Throwable batchFailure) {
				return false;
			}

		};
		GroupCommit<String> commit = new GroupCommit<>(timingOut, 3, 1, 10, Duration.ofSeconds(5),
				GroupCommit.BatchListener.NONE);
		commit.submit("a").subscribe();
		Mono<Void> b = commit.submit("b");
		Mono<Void> c = commit.submit("c");
		List<Throwable> errors = new CopyOnWriteArrayList<>();
		b.subscribe(null, errors::add);
		c.subscribe(null, errors::add);

		this.writer.commit(0);

		assertThat(errors).hasSize(2).allMatch((error) -> error.getMessage().equals("statement timeout"));
		assertThat(this.writer.statements).containsExactly(List.of("a"), List.of("b", "c"));
	}

}
