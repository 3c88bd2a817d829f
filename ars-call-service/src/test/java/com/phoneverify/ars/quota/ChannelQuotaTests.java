package com.phoneverify.ars.quota;

import java.util.ArrayList;
import java.util.List;

import com.phoneverify.contracts.MerchantId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChannelQuotaTests {

	private static final MerchantId SHOP = MerchantId.of("shop-one");

	private static final MerchantId OTHER = MerchantId.of("shop-two");

	@Test
	void requestsBeyondTheGlobalLimitWaitAndAreAdmittedInOrderAsChannelsFree() {
		ChannelQuota quota = new ChannelQuota(2, 10);
		List<ChannelQuota.Permit> admitted = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			quota.acquire((i % 2 == 0) ? SHOP : OTHER).subscribe(admitted::add);
		}
		assertThat(admitted).hasSize(2);
		assertThat(quota.waiting()).isEqualTo(3);

		admitted.get(0).release();
		assertThat(admitted).hasSize(3);
		admitted.get(1).release();
		admitted.get(2).release();
		admitted.get(3).release();

		assertThat(admitted).hasSize(5);
		assertThat(quota.waiting()).isZero();
		assertThat(quota.active()).isEqualTo(1);
	}

	@Test
	void aMerchantAtItsLimitDoesNotBlockAnotherMerchant() {
		ChannelQuota quota = new ChannelQuota(10, 1);
		List<ChannelQuota.Permit> shop = new ArrayList<>();
		List<ChannelQuota.Permit> other = new ArrayList<>();
		quota.acquire(SHOP).subscribe(shop::add);
		quota.acquire(SHOP).subscribe(shop::add);
		quota.acquire(OTHER).subscribe(other::add);

		assertThat(shop).hasSize(1);
		assertThat(other).hasSize(1);
		assertThat(quota.waiting()).isEqualTo(1);

		shop.get(0).release();
		assertThat(shop).hasSize(2);
	}

	@Test
	void releasingTwiceFreesOneChannel() {
		ChannelQuota quota = new ChannelQuota(1, 1);
		List<ChannelQuota.Permit> admitted = new ArrayList<>();
		quota.acquire(SHOP).subscribe(admitted::add);
		admitted.get(0).release();
		admitted.get(0).release();
		quota.acquire(SHOP).subscribe(admitted::add);
		quota.acquire(OTHER).subscribe(admitted::add);

		assertThat(admitted).hasSize(2);
		assertThat(quota.active()).isEqualTo(1);
	}

	@Test
	void aCancelledWaiterLeavesTheQueue() {
		ChannelQuota quota = new ChannelQuota(1, 1);
		quota.acquire(SHOP).subscribe();
		var waiting = quota.acquire(OTHER).subscribe();
		assertThat(quota.waiting()).isEqualTo(1);

		waiting.dispose();

		assertThat(quota.waiting()).isZero();
	}

}
