package dev.sweeper.core.kinds;

import dev.sweeper.core.AutostopCoverage;
import dev.sweeper.core.Evaluation;
import dev.sweeper.core.Evaluator;
import dev.sweeper.core.Evidence;
import dev.sweeper.core.NotebookRule;
import dev.sweeper.core.Policy;
import dev.sweeper.core.PriceUsage;
import dev.sweeper.core.PriceUsages;
import dev.sweeper.core.Resource;
import dev.sweeper.core.SageMakerGateway;
import java.time.Instant;
import java.util.List;

/**
 * SageMaker notebook instances: judged over their window by their Jupyter server, jupyter.log, the idle checker's
 * heartbeat and the team's metric ({@link NotebookRule}); their age runs from their last start, a stop ends their use.
 */
public final class NotebookKind implements KindDefinition {
    @Override
    public Class<Resource.NotebookShape> shape() {
        return Resource.NotebookShape.class;
    }

    @Override
    public String plural() {
        return "notebooks";
    }

    @Override
    public String heading() {
        return "Notebooks";
    }

    @Override
    public List<Resource> list(SageMakerGateway sm, Listing listing) {
        return sm.listNotebooks();
    }

    @Override
    public String windowKey() {
        return "notebooks.window";
    }

    @Override
    public List<PriceUsage.Section> priceSections() {
        return List.of(PriceUsage.Section.byInstanceType("notebook"), PriceUsage.Section.STORAGE);
    }

    @Override
    public Gathering gathering() {
        return Gathering.NOTEBOOK_SIGNALS;
    }

    /** Since its last start (a stop ends its use), else its creation. */
    @Override
    public Instant since(Resource r) {
        return r.runningSince() != null ? r.runningSince() : r.createdAt();
    }

    @Override
    public List<Billed> billed(Resource r) {
        return List.of(new Billed("notebook", r.instanceType() == null ? null
                : PriceUsages.notebook(r.instanceType(), r.region()), r.instanceCount() == null ? 1 : r.instanceCount()));
    }

    /** Its ML storage volume, kept and billed while it is stopped. */
    @Override
    public PriceUsage storage(Resource r) {
        return PriceUsages.notebookStorage(r.region());
    }

    @Override
    public Evaluation evaluate(Resource r, Evidence evidence, Policy policy, Instant now) {
        return NotebookRule.notebook(r, evidence, policy, now);
    }

    /** A stopped notebook: no compute, but its ML storage volume stays and is billed. */
    @Override
    public String storageOnlyReason(Resource r, double monthly) {
        return "Stopped".equals(r.status()) ? Evaluator.stoppedReason(r.storageGb(), monthly) : null;
    }

    @Override
    public void json(Resource r, Fields json) {
        json.field("lifecycleConfig", r.notebook() == null ? null : r.notebook().lifecycleConfig());
        json.field("platformIdentifier", r.platformIdentifier()); // additive: null when not described
        // Additive: whether the notebook stops itself when idle; null when not read (only scan and report read it).
        AutostopCoverage c = r.notebook() == null ? null : r.notebook().autostop();
        if (c == null) {
            json.nullField("autostop");
            return;
        }
        json.startObject("autostop")
                .field("state", c.state().name())
                .field("idleTime", c.idle() == null ? null : c.idle().toString())
                .field("ignoreConnections", c.ignoreConnections())
                .field("detail", c.detail())
                .endObject();
    }
}
