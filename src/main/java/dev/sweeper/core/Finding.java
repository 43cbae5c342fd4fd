package dev.sweeper.core;

import java.util.List;

/**
 * One evaluated resource, as reported: the facts, the verdict with its reasons and evidence,
 * protection, cost, and the action taken on it (null when none was asked for).
 *
 * @param hourlyCost         the compute: null when the instance type has no known price
 * @param storageMonthlyCost the storage volume that outlives the compute (a notebook's ML storage, a Studio
 *                           space's EBS volume), USD a month, billed whether the compute runs or not; null when
 *                           there is none, its size was not read, or its price is unknown
 * @param priceRegion        the region whose prices stood in for the resource's own in its costs (the price table
 *                           has none of its region's own): those figures are borrowed, and say so; null when every
 *                           price used is the resource's own region's
 * @param priceSource        where the prices of {@code hourlyCost} come from (the least authoritative when several);
 *                           null when it is unknown or needed no price
 * @param storagePriceSource where the price of {@code storageMonthlyCost} comes from; null likewise
 */
public record Finding(Resource resource, Evaluation evaluation, Protection protection, Double hourlyCost,
                      Action action, Double storageMonthlyCost, String priceRegion, PriceSource priceSource,
                      PriceSource storagePriceSource) {

    public Verdict verdict() {
        return evaluation.verdict();
    }

    public List<String> reasons() {
        return evaluation.reasons();
    }

    public boolean isProtected() {
        return Boolean.TRUE.equals(protection.isProtected());
    }

    /** Idle and not protected: what sweeping would remove. */
    public boolean isSweepable() {
        return verdict() == Verdict.IDLE && !isProtected();
    }

    public Finding withAction(Action newAction) {
        return new Finding(resource, evaluation, protection, hourlyCost, newAction, storageMonthlyCost, priceRegion,
                priceSource, storagePriceSource);
    }

    public Finding withProtection(Protection newProtection) {
        return new Finding(resource, evaluation, newProtection, hourlyCost, action, storageMonthlyCost, priceRegion,
                priceSource, storagePriceSource);
    }

    public Finding withResource(Resource newResource) {
        return new Finding(newResource, evaluation, protection, hourlyCost, action, storageMonthlyCost, priceRegion,
                priceSource, storagePriceSource);
    }

    public Finding withEvaluation(Evaluation newEvaluation) {
        return new Finding(resource, newEvaluation, protection, hourlyCost, action, storageMonthlyCost, priceRegion,
                priceSource, storagePriceSource);
    }
}
