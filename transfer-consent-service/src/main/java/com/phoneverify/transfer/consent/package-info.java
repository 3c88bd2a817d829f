/**
 * Transfers and their 2-WAY consent (steps ①–⑫ of the model): the request with its mode
 * and purpose, the recipient's name check, the hold, the one-time code and the consent
 * SMS, the reply, the exactly-once execution or the release, the result SMS and the
 * evidence. Ports: {@link com.phoneverify.transfer.consent.TelcoNameCheck},
 * {@link com.phoneverify.transfer.consent.TransferStore},
 * {@link com.phoneverify.transfer.consent.ConsentMessages},
 * {@link com.phoneverify.transfer.consent.EvidenceLog}.
 */
@NullMarked
package com.phoneverify.transfer.consent;

import org.jspecify.annotations.NullMarked;
