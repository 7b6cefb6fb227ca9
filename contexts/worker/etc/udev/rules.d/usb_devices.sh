# USB devices are not authorised by default; hubs, keyboards and the PS/2-to-USB converter of
# the server consoles are. Note: udev reads only *.rules files.
ACTION=="add", SUBSYSTEM=="usb", ATTR{authorized_default}="0"
ACTION=="add", SUBSYSTEM=="usb", ATTR{bDeviceClass}=="09", ATTR{authorized}="1"
ACTION=="add", SUBSYSTEM=="usb", ATTR{product}=="*[Kk]eyboard*", ATTR{authorized}="1"
ACTION=="add", SUBSYSTEM=="usb", ATTR{product}=="*Thinnet TM*", ATTR{authorized}="1"
