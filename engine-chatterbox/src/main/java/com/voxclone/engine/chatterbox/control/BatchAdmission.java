package com.voxclone.engine.chatterbox.control;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Who may join the batch, decided before a request does any work on the device: at most so many requests, and their
 * key/value caches at their longest, padded to the longest of them, within the budget. Requests are let in in the
 * order they asked; the first in line waits for room rather than being overtaken. One request alone always fits.
 */
final class BatchAdmission {

    /** A request's place in the batch: its rows and the longest its cache can grow. */
    static final class Ticket {
        final int rows;
        final long maxLength;

        Ticket(int rows, long maxLength) {
            this.rows = rows;
            this.maxLength = maxLength;
        }
    }

    private final int maxRequests;
    private final long budgetBytes;
    private final long bytesPerPosition;
    private final Deque<Ticket> line = new ArrayDeque<>();
    private final List<Ticket> admitted = new ArrayList<>();

    BatchAdmission(int maxRequests, long budgetBytes, long bytesPerPosition) {
        this.maxRequests = maxRequests;
        this.budgetBytes = budgetBytes;
        this.bytesPerPosition = bytesPerPosition;
    }

    /** Waits for room; the ticket must be handed back with {@link #leave}. */
    synchronized Ticket enter(int rows, long maxLength) throws InterruptedException {
        Ticket ticket = new Ticket(rows, maxLength);
        line.add(ticket);
        try {
            while (line.peek() != ticket || !fits(ticket)) {
                wait();
            }
        } catch (InterruptedException e) {
            line.remove(ticket);
            notifyAll();
            throw e;
        }
        line.poll();
        admitted.add(ticket);
        notifyAll();
        return ticket;
    }

    synchronized void leave(Ticket ticket) {
        admitted.remove(ticket);
        notifyAll();
    }

    private boolean fits(Ticket candidate) {
        if (admitted.isEmpty()) {
            return true;
        }
        if (admitted.size() + 1 > maxRequests) {
            return false;
        }
        long rows = candidate.rows;
        long longest = candidate.maxLength;
        for (Ticket t : admitted) {
            rows += t.rows;
            longest = Math.max(longest, t.maxLength);
        }
        return rows * longest * bytesPerPosition <= budgetBytes;
    }
}
