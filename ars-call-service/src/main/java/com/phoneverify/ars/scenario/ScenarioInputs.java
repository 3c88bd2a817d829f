package com.phoneverify.ars.scenario;

import org.jspecify.annotations.Nullable;

/**
 * The per-call values a scenario fills its placeholders with and compares keys to.
 *
 * @param code the code to read out (A, B) or expect (C); null for E (consent), which has
 * none
 * @param challengeKey B only: the key to press before the code is read out
 * @param codeLength the number of digits of the code (0 for E)
 */
public record ScenarioInputs(@Nullable Digits code, @Nullable Digits challengeKey, int codeLength) {

}
