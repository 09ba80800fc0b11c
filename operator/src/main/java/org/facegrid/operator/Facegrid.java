package org.facegrid.operator;

import org.facegrid.operator.cluster.RestartCommands;
import org.facegrid.operator.cluster.Status;
import org.facegrid.operator.cluster.TrafficCommands;
import org.facegrid.operator.domain.DomainCommands;
import org.facegrid.operator.install.Installation;
import org.facegrid.operator.jobs.JobCommands;
import org.facegrid.operator.join.JoinCommands;
import org.facegrid.operator.management.ManagementException;
import org.facegrid.operator.management.RemoteManagement;
import org.facegrid.operator.process.HostProcesses;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;

/**
 * facegrid: the operator command. Runs FaceGrid as a WildFly domain on this machine, joins hosts to another
 * machine's domain, and drives the cluster through its management interface and REST API. bin/facegrid is its
 * launcher. Exit codes: 0 done, 1 failed (the message says what and where its log is), 2 refused to protect the
 * cluster (a warning --force confirms), 3 status: nothing runs here, 10-13 the join's failures, 64 bad usage.
 */
// scope INHERIT: every command takes --help (the usage errors point at it)
@Command(name = "facegrid", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT, versionProvider = Facegrid.Version.class,
        description = "Runs FaceGrid, a clustered face-recognition server, as a WildFly domain on this machine.",
        footer = {"", "Environment:", "  FACEGRID_VAR            base dir of hosts, credentials, logs (default <repo>/var)",
                "  FACEGRID_PORT_OFFSET    added to every port; host i adds (i-1)*100 more (default 0)",
                "  FACEGRID_BIND_ADDRESS   where servers listen and cluster (default 127.0.0.1)",
                "  FACEGRID_READY_TIMEOUT  seconds to wait for each server's readiness (default 300)",
                "  FACEGRID_JOIN_TOKEN     what 'facegrid join' authenticates with",
                "  JAVA_HOME               the JDK to run WildFly and this command on (17 or newer)",
                "Documentation: docs/operations.md"},
        subcommands = {
                DomainCommands.Start.class, DomainCommands.ClusterDemo.class, JoinCommands.Token.class,
                JoinCommands.JoinHost.class, JoinCommands.Leave.class, DomainCommands.Stop.class, Status.class,
                RestartCommands.Restart.class, RestartCommands.RollingRestart.class, TrafficCommands.ServerStatus.class,
                TrafficCommands.Primary.class, TrafficCommands.Balancer.class, JobCommands.Backup.class,
                JobCommands.Restore.class, JobCommands.MigrateStorage.class, MiscCommands.Credentials.class,
                MiscCommands.AddUser.class, MiscCommands.EvalFaces.class, DomainCommands.Supervise.class,
                CommandLine.HelpCommand.class})
public final class Facegrid implements Runnable {
    private final Map<String, String> environment;
    private final Supplier<Operator> operatorFactory;
    private Operator operator;

    public Facegrid(Map<String, String> environment, Supplier<Operator> operatorFactory) {
        this.environment = environment;
        this.operatorFactory = operatorFactory;
    }

    public static void main(String[] args) {
        // the management client's libraries log their versions at INFO; an operator needs only their warnings
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
        for (java.util.logging.Handler handler : java.util.logging.Logger.getLogger("").getHandlers()) {
            handler.setLevel(java.util.logging.Level.WARNING);
        }
        Map<String, String> environment = System.getenv();
        Path repo = Path.of(System.getProperty("facegrid.repo", ".")).toAbsolutePath().normalize();
        Facegrid facegrid = new Facegrid(environment, () -> {
            Installation installation = Installation.fromEnvironment(repo, environment);
            return new Operator(installation, RemoteManagement.CONNECTOR, new HostProcesses(installation));
        });
        System.exit(facegrid.execute(args));
    }

    /** Runs one command line; returns its exit code. */
    public int execute(String... args) {
        CommandLine commandLine = new CommandLine(this);
        commandLine.setExecutionExceptionHandler((failure, line, parsed) -> exitCodeOf(failure));
        commandLine.setParameterExceptionHandler((problem, args1) -> {
            CommandLine failing = problem.getCommandLine();
            if (failing == line(problem) && problem instanceof CommandLine.UnmatchedArgumentException && args1.length > 0
                    && !args1[0].startsWith("-")) {
                Say.error("unknown command '" + args1[0] + "' (try: facegrid help)");
                return CommandFailure.USAGE;
            }
            Say.error(problem.getMessage());
            Say.error("usage: " + failing.getHelp().synopsis(0).strip() + "   ('" + failing.getCommandName() + " --help' says more)");
            return CommandFailure.USAGE;
        });
        return commandLine.execute(args);
    }

    private static CommandLine line(CommandLine.ParameterException problem) {
        CommandLine top = problem.getCommandLine();
        while (top.getParent() != null) {
            top = top.getParent();
        }
        return top;
    }

    private static int exitCodeOf(Exception failure) {
        if (failure instanceof CommandFailure commandFailure) {
            Say.error(commandFailure.getMessage());
            return commandFailure.exitCode();
        }
        if (failure instanceof ManagementException || failure instanceof UncheckedIOException) {
            Say.error(failure.getMessage());
            return CommandFailure.FAILED;
        }
        Say.error("failed: " + failure);
        return CommandFailure.FAILED;
    }

    /** A bare 'facegrid' prints the commands. */
    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    public Operator operator() {
        if (operator == null) {
            operator = operatorFactory.get();
        }
        return operator;
    }

    public Map<String, String> environment() {
        return environment;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Facegrid.class.getPackage().getImplementationVersion();
            return new String[] {"facegrid " + (version == null ? "(development build)" : version) + " on WildFly "
                    + Installation.wildflyVersion()};
        }
    }
}
