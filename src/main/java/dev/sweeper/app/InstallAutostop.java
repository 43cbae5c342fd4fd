package dev.sweeper.app;

import dev.sweeper.core.Finding;
import dev.sweeper.core.Kind;
import dev.sweeper.core.LifecycleScript;
import dev.sweeper.core.Resource;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code autostop-notebooks}: attaches the idle checker's lifecycle configuration to notebooks (or,
 * with {@code --undo}, gives them back the one they had), with the request's idle-checker settings.
 * Which notebooks need what is {@link AutostopInstall}'s plan; running ones are listed as pending.
 */
final class InstallAutostop implements ActionPlan {
    private final boolean undo;
    private final LifecycleScript.Autostop autostop;

    InstallAutostop(boolean undo) {
        this(undo, null);
    }

    private InstallAutostop(boolean undo, LifecycleScript.Autostop autostop) {
        this.undo = undo;
        this.autostop = autostop;
    }

    @Override
    public String verb() {
        return undo ? AutostopInstall.UNDO_TYPE : AutostopInstall.TYPE;
    }

    @Override
    public boolean mayActOn(Resource r) {
        return r.kind() == Kind.NOTEBOOK;
    }

    @Override
    public boolean selects(Finding f) {
        return mayActOn(f.resource());
    }

    @Override
    public ActionPlan forRun(List<Finding> findings, Map<String, Map<String, String>> tagsByArn, SweepRequest req,
                             Instant now) {
        return new InstallAutostop(undo, req.autostop());
    }

    @Override
    public ResourceAction action(Deps d) {
        return new AutostopInstall(d.gateways().sageMaker(d.region()), autostop, AutostopChecker.source(), undo);
    }
}
