package dev.sweeper.core.kinds;

import dev.sweeper.core.Evaluation;
import dev.sweeper.core.Evaluator;
import dev.sweeper.core.Evidence;
import dev.sweeper.core.Policy;
import dev.sweeper.core.PriceUsage;
import dev.sweeper.core.Resource;
import dev.sweeper.core.SageMakerGateway;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One kind of resource, in one place: how it is listed (and described) through its family's port, what evidence it
 * needs, its rule in the evaluator, its running-and-old-enough gate, its labels, its table detail and its JSON
 * fields. Each {@link dev.sweeper.core.Kind} has one; adding a kind means writing one of these (see the README's
 * "Adding a kind"). Pure where the evaluator calls it: no I/O but through the gateway it is handed.
 */
public interface KindDefinition {

    /** The shape its resources carry ({@link Resource#shape()}): the shape tells the kind. */
    Class<? extends Resource.Shape> shape();

    /** What a sentence calls several: {@code notebooks}, {@code MLflow tracking servers}. */
    String plural();

    /** The heading of its section in the cost report: {@code Notebooks}, {@code Studio apps}. */
    String heading();

    /** What its section of the cost report says when none runs. */
    default String noneRunning() {
        return "none running";
    }

    /** Lists them in one region, through the family port of the composite gateway. */
    List<Resource> list(SageMakerGateway sm, Listing listing);

    /**
     * What a listing may need besides the gateway: where to report what it could only partly list, and what to do
     * with each page as it comes (endpoints start reading their metrics' series from the first page).
     */
    record Listing(List<String> problems, Consumer<List<Resource>> eachPage) {
    }

    /** The evidence its resources need; the app layer maps each to its gatherer. */
    Gathering gathering();

    /** What evidence a kind's resources need. */
    enum Gathering {
        /** Endpoints: their CloudWatch invocation metrics, described first. */
        ENDPOINT_METRICS,
        /** Notebook instances: their Jupyter server, jupyter.log, heartbeat and team metric; described for costs. */
        NOTEBOOK_SIGNALS,
        /** Studio apps: Canvas apps' TimeSinceLastActive; the others have no signal. */
        CANVAS_ACTIVITY,
        /** No activity signal: judged by state and age rules; described when {@link #describes} says so. */
        NONE
    }

    /**
     * Whether one listed resource is described before it is judged (for its size or instance groups: its cost);
     * {@code describeAll} for scan and report, which price everything.
     */
    default boolean describes(Resource listed, boolean describeAll) {
        return false;
    }

    /**
     * The resource described: empty when it is gone and must not be reported, the same one when there is nothing to
     * describe. Throws the gateway's {@link dev.sweeper.core.AwsCallException} when it cannot be described.
     */
    default Optional<Resource> describe(SageMakerGateway sm, Resource listed) {
        return Optional.of(listed);
    }

    /** What stays unknown when a resource could not be described: {@code its size}. */
    default String unknownUndescribed() {
        return "its cost";
    }

    /** The resource with its ARN, for its tags: kinds listed without one (apps, spaces) describe it. */
    default Resource withArn(SageMakerGateway sm, Resource listed) {
        return listed;
    }

    /** Its activity window, from the policy; null for a resource judged without one (see ActivityGate). */
    default Duration window(Resource r, Policy policy) {
        return policy.window(r.kind());
    }

    /**
     * The config key of its activity window ({@code endpoints.window}, {@code <section>.window}); null for a kind
     * judged without one. The config is read, and {@code config show} shows it, by this key.
     */
    default String windowKey() {
        return null;
    }

    /**
     * The config key of its age rule ({@code apps.max-age}, {@code <section>.max-age}); null for a kind that has
     * none. The config is read, and {@code config show} shows it, by this key; its rule names it.
     */
    default String ageRuleKey() {
        return null;
    }

    /** The window a command on this kind reports (its JSON's {@code window}): its activity window. */
    default Duration reportedWindow(dev.sweeper.core.Kind kind, Policy policy) {
        return policy.window(kind);
    }

    /** Whether it runs (and bills): its use must be judged, its compute costs. */
    default boolean runs(Resource r) {
        return Evaluator.IN_SERVICE.equals(r.status());
    }

    /** Since when its age is measured. */
    default Instant since(Resource r) {
        return r.createdAt();
    }

    /**
     * The first reason of one that costs its storage only, with what that costs ({@code monthly}, USD a month), in
     * place of the evaluator's, which knows no price: null when it is not one.
     */
    default String storageOnlyReason(Resource r, double monthly) {
        return null;
    }

    /**
     * Whether one found IDLE is so by an age rule only (no activity signal): its age is all the report can say of
     * how long it has been idle.
     */
    default boolean idleByAgeOnly(Resource r) {
        return false;
    }

    /**
     * What its compute bills while it runs ({@link #runs}): each usage ({@link dev.sweeper.core.PriceUsages} builds
     * them) and how many of it. Empty when nothing bills (a space, a system app); null when what bills is not known
     * (an endpoint or a cluster not described).
     */
    default List<Billed> billed(Resource r) {
        return List.of();
    }

    /**
     * One usage billed, {@code quantity} times: an instance type's hour on so many instances.
     *
     * @param section the price table's section (see {@link PriceUsage#section()}), said when no price is known
     * @param usage   null when it is not known which (an instance type not read): its cost is unknown
     */
    record Billed(String section, PriceUsage usage, int quantity) {
    }

    /**
     * The sections of the price table that price what it bills ({@link #billed}, {@link #storage}): the price table
     * reads these sections (config/prices.yaml holds their bundled prices). Empty when it bills nothing.
     */
    default List<PriceUsage.Section> priceSections() {
        return List.of();
    }

    /** The usage of its storage volume that outlives its compute, per GB-month; null when it has none. */
    default PriceUsage storage(Resource r) {
        return null;
    }

    /** Its rule in the evaluator. Pure. */
    Evaluation evaluate(Resource r, Evidence evidence, Policy policy, Instant now);

    /**
     * The detail its table row shows beside its name, in the type column: {@code ml.m5.xlarge×2}, {@code serverless},
     * {@code EBS 100 GB}; blank when unknown.
     */
    default String detail(Resource r) {
        if (r.instanceType() == null) {
            return "";
        }
        return r.instanceCount() == null ? r.instanceType() : r.instanceType() + "\u00d7" + r.instanceCount();
    }

    /** The JSON fields only its kind has, after the common ones of a finding. */
    void json(Resource r, Fields out);
}
