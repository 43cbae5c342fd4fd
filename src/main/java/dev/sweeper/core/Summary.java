package dev.sweeper.core;

import java.util.List;

/** The counts at the foot of every result. Field names match the JSON contract. */
public record Summary(int total, int idle, int active, int tooYoung, int unknown, int exempt, int protectedCount,
                      double idleHourlyCost, int actionsPlanned, int actionsDone, int actionsSkipped,
                      int actionsFailed) {

    public static Summary of(List<Finding> findings) {
        int idle = 0, active = 0, young = 0, unknown = 0, exempt = 0, prot = 0;
        int planned = 0, done = 0, skipped = 0, failed = 0;
        double idleCost = 0;
        for (Finding f : findings) {
            switch (f.verdict()) {
                case IDLE -> idle++;
                case ACTIVE -> active++;
                case TOO_YOUNG -> young++;
                case UNKNOWN -> unknown++;
                case EXEMPT -> exempt++;
            }
            if (f.isProtected()) {
                prot++;
            }
            if (f.isSweepable() && f.hourlyCost() != null) {
                idleCost += f.hourlyCost();
            }
            if (f.action() != null) {
                switch (f.action().outcome()) {
                    case PLANNED -> planned++;
                    case DONE -> done++;
                    case SKIPPED -> skipped++;
                    case FAILED -> failed++;
                }
            }
        }
        return new Summary(findings.size(), idle, active, young, unknown, exempt, prot, Money.round(idleCost),
                planned, done, skipped, failed);
    }
}
