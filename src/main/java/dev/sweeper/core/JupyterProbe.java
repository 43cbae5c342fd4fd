package dev.sweeper.core;

/**
 * Reads a notebook instance's own Jupyter server from outside, through a presigned URL: its
 * sessions, kernels and terminals. Read-only (GET requests only), bounded by timeouts.
 */
public interface JupyterProbe {
    /**
     * Never throws for an unreachable server, a refused URL or a failed call: those come back as
     * {@link NotebookFacts.Jupyter.Unreachable} with the reason, which never carries the URL.
     */
    NotebookFacts.Jupyter probe(String notebookName);
}
