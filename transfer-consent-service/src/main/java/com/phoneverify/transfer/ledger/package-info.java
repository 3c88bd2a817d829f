/**
 * Accounts and the double-entry ledger (the paper's business server): postings that move
 * money between accounts, holds in escrow, and the remitter's password check.
 */
@NullMarked
package com.phoneverify.transfer.ledger;

import org.jspecify.annotations.NullMarked;
