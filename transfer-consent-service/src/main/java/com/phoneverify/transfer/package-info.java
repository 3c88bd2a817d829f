/**
 * transfer-consent-service: the paper's business server and 2-WAY module. Accounts and
 * the ledger ({@code ledger}), transfers and their consent by SMS reply
 * ({@code consent}), signed evidence ({@code evidence}), the HTTP API ({@code web}) and
 * the telco adapter ({@code telco}).
 */
@NullMarked
package com.phoneverify.transfer;

import org.jspecify.annotations.NullMarked;
