/**
 * The ARS product: its routes ({@code /v1/ars-verifications}), its details (scenario,
 * sealed phone, code hash, attempts, the call's summary in
 * {@code gateway.ars_verifications}), its status rules, and {@code auth-requested}; its
 * call results arrive in {@code ars.callresult}. What it shares with every product
 * (status, outcome event, webhook, expiry, tenancy) is in {@code gateway.verification}.
 */
@NullMarked
package com.phoneverify.gateway.ars;

import org.jspecify.annotations.NullMarked;
