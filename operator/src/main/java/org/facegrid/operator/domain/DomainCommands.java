package org.facegrid.operator.domain;

import org.facegrid.operator.CommandFailure;
import org.facegrid.operator.Facegrid;
import org.facegrid.operator.install.DomainState;
import org.facegrid.operator.install.JoinRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.Set;

/** start, cluster-demo, stop and supervise: what runs on this machine. */
public final class DomainCommands {
    private DomainCommands() {
    }

    @Command(name = "start", description = "One host: domain controller and one server, the EAR deployed (on a joined"
            + " host: brings it back into its domain).")
    public static final class Start implements Runnable {
        @ParentCommand
        Facegrid facegrid;

        @Override
        public void run() {
            Domain domain = new Domain(facegrid.operator());
            JoinRecord.read(facegrid.operator().installation().joinFile()).ifPresentOrElse(domain::startJoined,
                    () -> domain.start(1, Set.of(), Set.of()));
        }
    }

    @Command(name = "cluster-demo", description = "N hosts (2 or 3) on this machine: host 1 runs the domain controller,"
            + " the others join it with credentials.")
    public static final class ClusterDemo implements Runnable {
        static final String USAGE = "usage: facegrid cluster-demo N [--simple I[,I...]] [--data-only I[,I...]]  (N is 2 or 3)";

        @ParentCommand
        Facegrid facegrid;

        @Parameters(paramLabel = "N", description = "2 or 3 hosts")
        String hosts;

        @Option(names = "--simple", paramLabel = "I[,I...]", description = "compute-only hosts (they own no data)")
        String simple = "";

        @Option(names = "--data-only", paramLabel = "I[,I...]", description = "hosts that own data but take no recognition traffic")
        String dataOnly = "";

        @Override
        public void run() {
            if (!hosts.matches("[23]")) {
                throw CommandFailure.usage(USAGE);
            }
            int n = Integer.parseInt(hosts);
            Set<Integer> simpleHosts = hostList(simple, n);
            Set<Integer> dataOnlyHosts = hostList(dataOnly, n);
            if (simpleHosts.stream().anyMatch(dataOnlyHosts::contains)) {
                throw CommandFailure.usage("a host is either --simple or --data-only, not both");
            }
            new Domain(facegrid.operator()).start(n, simpleHosts, dataOnlyHosts);
        }

        static Set<Integer> hostList(String list, int hosts) {
            String allowed = hosts == 2 ? "2" : "2-3";
            if (!list.isEmpty() && !list.matches("[" + allowed + "](,[" + allowed + "])*")) {
                throw CommandFailure.usage("--simple and --data-only take host numbers 2.." + hosts
                        + " (host 1 always holds data and takes traffic)");
            }
            return list.isEmpty() ? Set.of() : DomainState.numbers(list);
        }
    }

    @Command(name = "stop", description = "Stops whatever start, cluster-demo or join started here, and returns once"
            + " its processes are gone.")
    public static final class Stop implements Runnable {
        @ParentCommand
        Facegrid facegrid;

        @Override
        public void run() {
            new Domain(facegrid.operator()).stop();
        }
    }

    @Command(name = "supervise", hidden = true, description = "The supervisor loop (start and cluster-demo run it).")
    public static final class Supervise implements Runnable {
        @ParentCommand
        Facegrid facegrid;

        @Override
        public void run() {
            DomainState state = facegrid.operator().running();
            new Supervisor(facegrid.operator().installation(), () -> facegrid.operator().domainController(state)).run();
        }
    }
}
