package dev.osimages.engine.builder.chroot;

import dev.osimages.engine.archive.ArchiveProxy;
import dev.osimages.engine.model.NetworkMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The network of one RUN step, composed around the {@link Sandbox} command. {@link
 * NetworkMode#HOST} leaves the command alone (the host's namespace). {@link NetworkMode#NONE} runs
 * it in a new network namespace with only loopback, brought up. {@link NetworkMode#DEFAULT} runs it
 * in a new network namespace that {@value #SLIRP_NAME} connects to the outside through a user-mode
 * TCP/IP stack (NAT, IPv4 10.0.2.100/24 and IPv6 fd00::100/64, DNS forwarder 10.0.2.3): the step
 * reaches what the host reaches, except the host's loopback services ({@code
 * --disable-host-loopback}: the gateway addresses 10.0.2.2 and fd00::2 do not lead to the host's
 * 127.0.0.1 and ::1) and the host's abstract Unix sockets (they belong to the host's namespace).
 *
 * <p>{@link #DEFAULT_SCRIPT} runs in the new namespace but still in the host's pid namespace, so
 * slirp4netns, started from it back in the host's network namespace, is its child and not the
 * step's: the step cannot see or signal it. Both the helper and the step die with the script
 * ({@code setpriv --pdeathsig KILL}), the script with the engine.
 *
 * <p>slirp4netns's own sandbox ({@code --enable-sandbox}: a new mount namespace, pivot_root into a
 * tmpfs, the old root detached) makes only {@code /} private, not the mounts below it; started in
 * the host's mount namespace, its detaching the old root would unmount, in the host, whatever is
 * mounted below a shared mount there (dockerd makes its data root one: its containers' root
 * filesystems and BuildKit's mounts vanished while a build ran). So the helper first gets a mount
 * namespace of its own with every mount private ({@code unshare --mount --propagation private}).
 */
final class RunNetwork {
  static final String SLIRP_NAME = "slirp4netns";
  static final String FORWARDER_NAME = "socat";

  /**
   * Runs in the new network namespace with fd 7 open on the host's: starts slirp4netns for this
   * namespace and waits for its readiness byte, gives the namespace its IPv6 address at once
   * (router advertisements would take seconds), starts the archive proxy's forwarder when there is
   * one (with no environment, as the helper) and waits until it listens, runs the step, then stops
   * the helpers. Arguments: slirp4netns, ip, a scratch directory, socat, the proxy's Unix socket
   * and port (the last three empty without a proxy), the step's command.
   */
  static final String DEFAULT_SCRIPT =
      """
      set -u
      slirp=$1 ip=$2 dir=$3 fwd=$4 sock=$5 port=$6
      shift 6
      mkfifo "$dir/ready"
      env -i PATH="$PATH" nsenter --net=/proc/self/fd/7 -- unshare --mount --propagation private -- \\
        setpriv --pdeathsig KILL -- "$slirp" \\
        --configure --mtu=65520 --disable-host-loopback --enable-ipv6 --enable-sandbox --enable-seccomp \\
        --ready-fd=3 "$$" tap0 3>"$dir/ready" >"$dir/helper.log" 2>&1 &
      helper=$!
      exec 7<&-
      ready=
      read -r ready < "$dir/ready" || true
      if [ "$ready" != 1 ]; then
        echo "engine: the network helper slirp4netns did not start:" >&2
        cat "$dir/helper.log" >&2
        exit 125
      fi
      if [ -d /proc/sys/net/ipv6/conf/tap0 ]; then
        echo 0 > /proc/sys/net/ipv6/conf/tap0/accept_ra
        "$ip" -6 addr add fd00::100/64 dev tap0 nodad
        "$ip" -6 route add default via fd00::2 dev tap0
      fi
      forwarder=
      if [ -n "$fwd" ]; then
        "$ip" link set lo up
        env -i PATH="$PATH" setpriv --pdeathsig KILL -- "$fwd" \\
          "TCP4-LISTEN:$port,bind=127.0.0.1,reuseaddr,fork" "UNIX-CONNECT:$sock" \\
          >"$dir/forwarder.log" 2>&1 &
        forwarder=$!
        hex=$(printf '%04X' "$port")
        tries=0
        until grep -q "^ *[0-9]*: 0100007F:$hex 00000000:0000 0A " /proc/net/tcp; do
          tries=$((tries + 1))
          if [ "$tries" -gt 1000 ] || ! kill -0 "$forwarder" 2>/dev/null; then
            echo "engine: the archive proxy's forwarder ($fwd) did not start:" >&2
            cat "$dir/forwarder.log" >&2
            kill "$helper" "$forwarder" 2>/dev/null
            exit 125
          fi
          sleep 0.01
        done
      fi
      "$@" &
      step=$!
      wait "$step"
      rc=$?
      kill "$helper" $forwarder 2>/dev/null
      wait "$helper" $forwarder 2>/dev/null
      exit "$rc"
      """;

  /** Runs in the new network namespace: brings up loopback, then becomes the step's command. */
  static final String NONE_SCRIPT =
      """
      set -eu
      "$1" link set lo up
      shift
      exec "$@"
      """;

  private final NetworkMode mode;
  private final NetworkTools tools;

  RunNetwork(NetworkMode mode, NetworkTools tools) {
    this.mode = mode;
    this.tools = tools;
  }

  /** The mode this network gives the step. */
  NetworkMode mode() {
    return mode;
  }

  /**
   * {@code sandbox} (the step's command line) placed in this network; {@code scratch} is an empty
   * directory for the helper's readiness pipe and log, removed by the caller afterwards; {@code
   * proxy} the build's archive proxy or null (it must be null for {@link NetworkMode#NONE}).
   */
  List<String> wrap(List<String> sandbox, Path scratch, ArchiveProxy proxy) {
    List<String> c = new ArrayList<>(List.of("setpriv", "--pdeathsig", "KILL", "--"));
    switch (mode) {
      case HOST:
        return sandbox;
      case NONE:
        c.addAll(List.of("unshare", "--net", "--", "sh", "-c", NONE_SCRIPT, "engine-net"));
        c.add(tools.ip().orElseThrow().toString());
        break;
      default:
        // The outer sh keeps the host's namespace open as fd 7 for the inner one's helper.
        c.addAll(
            List.of(
                "sh",
                "-c",
                "exec 7</proc/self/ns/net && exec unshare --net -- sh -c \"$0\" engine-net \"$@\"",
                DEFAULT_SCRIPT,
                tools.slirp4netns().orElseThrow().toString(),
                tools.ip().orElseThrow().toString(),
                scratch.toAbsolutePath().toString()));
        if (proxy == null) {
          c.addAll(List.of("", "", ""));
        } else {
          c.add(tools.forwarder().orElseThrow().toString());
          c.add(proxy.unixSocket().toString());
          c.add(Integer.toString(proxy.port()));
        }
    }
    c.addAll(sandbox);
    return c;
  }

  /** What the step's /etc/resolv.conf holds, given the host's. */
  String resolvConf(String host) {
    return mode == NetworkMode.DEFAULT ? StepResolvConf.of(host) : host;
  }
}
