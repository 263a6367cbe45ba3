package org.gantry.core.train;

/** A loss became NaN or infinite; the run stops and keeps its last good checkpoint. */
public final class DivergenceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DivergenceException(String message) {
        super(message);
    }
}
