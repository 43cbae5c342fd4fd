package dev.sweeper.cli;

import dev.sweeper.app.job.Jobs;
import dev.sweeper.core.Kind;
import dev.sweeper.core.Policy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "idle", mixinStandardHelpOptions = true,
        description = {"Find idle Studio apps, with their age and idle-shutdown setting; optionally notify and delete them.",
            "AWS gives no reliable signal of use for Studio apps, so they are UNKNOWN unless --max-age (an age rule) "
                + "makes old ones IDLE; Canvas apps are judged by Canvas's TimeSinceLastActive metric. The table lists "
                + "the idle ones (--all: every one). --name-contains and --name-regex match the name the table shows, "
                + "e.g. \"default (Canvas, user alice)\", or the app's own name. "
                + "--delete with no filter needs --all. A dry run unless --apply."})
final class AppsIdleCommand extends IdleCommand {
    @Mixin
    SharedOptions.MaxAge maxAge;

    @Mixin
    SharedOptions.Mark mark;

    @picocli.CommandLine.Option(names = "--user", paramLabel = "PROFILE",
            description = "Only the apps of this user profile (\"user PROFILE\" in the table).")
    String user;

    @picocli.CommandLine.Option(names = "--space", paramLabel = "SPACE",
            description = "Only the apps in this space (\"space SPACE\" in the table).")
    String space;

    @Override
    dev.sweeper.core.ResourceFilter filter() {
        if ((user != null && user.isBlank()) || (space != null && space.isBlank())) {
            throw new UsageException((user != null && user.isBlank() ? "--user" : "--space") + " must not be empty");
        }
        return super.filter().withOwner(user, space);
    }

    @Override
    boolean ownFilterGiven() {
        return user != null || space != null;
    }

    @Override
    java.util.List<String> ownFilters() {
        return java.util.List.of("--user", "--space");
    }

    @Override
    dev.sweeper.app.SweepRequest.Marking marking() {
        return mark.marking();
    }

    AppsIdleCommand(Wiring wiring) {
        super(wiring, "apps idle", Kind.APP, Jobs.DELETE_IDLE_APPS);
    }

    @Override
    Policy policy(Policy base) {
        return maxAge.maxAge == null ? base : base.withMaxAge(kind, maxAge.maxAge);
    }
}
